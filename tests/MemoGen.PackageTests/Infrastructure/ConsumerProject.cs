using System.IO;
using System.Threading.Tasks;

namespace MemoGen.PackageTests.Infrastructure;

/// <summary>
/// A fresh console project, as a user would write it, whose only reference is the MemoGen package under test. Warnings
/// are errors, as in many users' builds: the package must not add any.
/// </summary>
internal sealed class ConsumerProject
{
    private ConsumerProject(string directory) => Directory = directory;

    public string Directory { get; }

    private string OutputDirectory => Path.Combine(Directory, "out");

    public static ConsumerProject Create(LocalPackage package, string name, string program)
    {
        string directory = Path.Combine(package.Workspace, name);
        System.IO.Directory.CreateDirectory(directory);

        // No <clear />: the sources this machine is configured with stay, and Microsoft.Extensions.Logging.Abstractions
        // (a dependency of the package) restores from them, while MemoGen comes from the local folder.
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="memogen-under-test" value="{package.Feed}" />
              </packageSources>
            </configuration>
            """);

        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MemoGen" Version="[{package.Version}]" />
              </ItemGroup>
            </Project>
            """);

        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
        return new ConsumerProject(directory);
    }

    public Task<CommandResult> BuildAsync() =>
        DotNetCli.RunAsync(Directory, "build", "-c", "Release", "-o", OutputDirectory, "--disable-build-servers");

    public Task<CommandResult> RunAsync() =>
        DotNetCli.RunAsync(Directory, Path.Combine(OutputDirectory, Path.GetFileName(Directory) + ".dll"));
}
