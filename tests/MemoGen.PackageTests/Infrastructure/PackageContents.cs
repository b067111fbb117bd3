using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace MemoGen.PackageTests.Infrastructure;

/// <summary>Reads a .nupkg: its file list, its manifest, and the types an assembly in it defines.</summary>
internal sealed class PackageContents
{
    private readonly string _path;

    public PackageContents(string path) => _path = path;

    public IReadOnlyList<string> Files
    {
        get
        {
            using ZipArchive zip = ZipFile.OpenRead(_path);
            return zip.Entries.Select(static entry => entry.FullName).Order().ToList();
        }
    }

    public XDocument Nuspec
    {
        get
        {
            using ZipArchive zip = ZipFile.OpenRead(_path);
            ZipArchiveEntry entry = zip.Entries.Single(static entry => entry.FullName.EndsWith(".nuspec"));
            using Stream stream = entry.Open();
            return XDocument.Load(stream);
        }
    }

    /// <summary>
    /// The names of the types the assembly at <paramref name="entryPath"/> defines, read from its metadata: loading it
    /// would need the Roslyn assemblies it references, which a test has no reason to carry.
    /// </summary>
    public IReadOnlyList<string> TypeNames(string entryPath)
    {
        using PEReader pe = OpenImage(entryPath);
        MetadataReader metadata = pe.GetMetadataReader();
        return metadata.TypeDefinitions.Select(handle => metadata.GetString(metadata.GetTypeDefinition(handle).Name)).ToList();
    }

    /// <summary>Whether the assembly at <paramref name="entryPath"/> carries ReadyToRun code (a managed native header) besides its IL.</summary>
    public bool IsReadyToRun(string entryPath)
    {
        using PEReader pe = OpenImage(entryPath);
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 } && pe.HasMetadata;
    }

    private PEReader OpenImage(string entryPath)
    {
        using ZipArchive zip = ZipFile.OpenRead(_path);
        var image = new MemoryStream();
        using (Stream stream = zip.GetEntry(entryPath)!.Open())
        {
            stream.CopyTo(image);
        }

        image.Position = 0;
        return new PEReader(image);
    }
}
