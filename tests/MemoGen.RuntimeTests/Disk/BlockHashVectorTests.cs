using System;
using System.Collections.Generic;
using System.Text;
using MemoGen.Disk;
using MemoGen.RuntimeTests.Hashing;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Disk;

/// <summary>
/// A payload block's checksum is XXH64 with seed 0 (System.IO.Hashing): xxHash's published vectors, and every length
/// branch as an independent C implementation computed it. Entries written before keep verifying.
/// </summary>
public sealed class BlockHashVectorTests
{
    // xxHash's own published sanity vectors (XXH64 over the sanity buffer).
    [TestCase(0, 0xEF46DB3751D8E999UL)]
    [TestCase(1, 0xE934A84ADB052768UL)]
    [TestCase(4, 0x9136A0DCA57457EEUL)]
    [TestCase(14, 0x8282DCC4994E35C8UL)]
    [TestCase(222, 0xB641AE8CB691C174UL)]
    public void Published_sanity_vectors(int length, ulong expected)
    {
        Assert.That(BlockChecksum.HashBlock(SanityBuffer.Create(length)), Is.EqualTo(expected));
    }

    [TestCase("", 0xEF46DB3751D8E999UL)]
    [TestCase("a", 0xD24EC4F1A98C6E5BUL)]
    [TestCase("abc", 0x44BC2CF5AD770999UL)]
    [TestCase("Nobody inspects the spammish repetition", 0xFBCEA83C8A378BF1UL)]
    public void Known_ascii_strings_with_seed_zero(string text, ulong expected)
    {
        Assert.That(BlockChecksum.HashBlock(Encoding.ASCII.GetBytes(text)), Is.EqualTo(expected));
    }

    // Every length from 0 to 64 (every tail of 1..31 bytes after a stripe, exactly 32 and 64 bytes), then longer inputs.
    [TestCaseSource(nameof(LengthVectors))]
    public void Every_length_branch(int length, ulong expected)
    {
        Assert.That(BlockChecksum.HashBlock(SanityBuffer.Create(length)), Is.EqualTo(expected));
    }

    private static IEnumerable<TestCaseData> LengthVectors()
    {
        foreach ((int length, ulong expected) in Vectors)
        {
            yield return new TestCaseData(length, expected).SetArgDisplayNames($"length {length}");
        }
    }

    private static readonly (int Length, ulong Expected)[] Vectors =
    [
        (0, 0xEF46DB3751D8E999),
        (1, 0xE934A84ADB052768),
        (2, 0x5D48CD60A77E23FF),
        (3, 0xFF7E1959CB50794A),
        (4, 0x9136A0DCA57457EE),
        (5, 0x9B046FB1397F09A5),
        (6, 0xC72565B7154268A8),
        (7, 0x6C83909A9F01ED25),
        (8, 0xCDBCF538E71D1348),
        (9, 0x554B1AE991EDA6B6),
        (10, 0x5D00E7351392EA84),
        (11, 0x6345D5746F35DA70),
        (12, 0x0723BF50086EAD9A),
        (13, 0xC2E5013E3C40BCF7),
        (14, 0x8282DCC4994E35C8),
        (15, 0x180719316D622D84),
        (16, 0x98C90B57FDFCB55C),
        (17, 0x0D39A2D051A30C2C),
        (18, 0x33E84A4333B2B2EB),
        (19, 0xE91C6EF31FC08F82),
        (20, 0x5F8C68355769439E),
        (21, 0x42B0B8EE353AC461),
        (22, 0x65C935C6978098B1),
        (23, 0xD2460ECC840B74DD),
        (24, 0xF75A6DEA42DC5BF4),
        (25, 0x52FAA43C3F20B994),
        (26, 0x8DB7831EC345F9A3),
        (27, 0x88945AA08051FC2D),
        (28, 0x64CD9E8C96A9E2DD),
        (29, 0x8C8F345B634AC2B9),
        (30, 0xE2677241D4C46CAF),
        (31, 0x299B39A290E6D783),
        (32, 0x18B216492BB44B70),
        (33, 0x55C8DC3E578F5B59),
        (34, 0xD0CE7CBAE371BEB2),
        (35, 0xCB0AA8E2A7A29707),
        (36, 0x0AE67584084DC6A4),
        (37, 0x292F5332C92B73CE),
        (38, 0x5F398E2A8478BED3),
        (39, 0xB888CAF07592B1B3),
        (40, 0x23B3810D7D8B1731),
        (41, 0x5342C966C7F3D5F4),
        (42, 0x77454B74F1DBBF63),
        (43, 0x9904C9350F597190),
        (44, 0x24EC2B3D0E442641),
        (45, 0x4EC307EBE0A650A4),
        (46, 0x7DD1C5514B2240EF),
        (47, 0x84A42E167CBD1FEF),
        (48, 0xFD0FEEAC7A939933),
        (49, 0xA91BFF78A7185B66),
        (50, 0xDFFE9F293DDD101D),
        (51, 0x2332585C18D7483A),
        (52, 0x5A0056511F9DD653),
        (53, 0x4426A2F5C8D59469),
        (54, 0x39EAF8893520636A),
        (55, 0xAFEA98CC4E92F7E1),
        (56, 0xB7A6414B8D3E2597),
        (57, 0xF33D64569CD4B1C0),
        (58, 0x93FA072F0E8FE7CA),
        (59, 0x4F2890576949D6ED),
        (60, 0x3378C44F459C290B),
        (61, 0x40D486FDDDAD5CB7),
        (62, 0x21664C60C551CC87),
        (63, 0xA9EFBE0FA0F3F4E7),
        (64, 0xEF558F8ACAC2B5CD),
        (100, 0x4BFE019CD91D9EA4),
        (127, 0x3C7A21119AA662B0),
        (128, 0x90CA021457D96DC5),
        (129, 0x41C280132D697ABA),
        (222, 0xB641AE8CB691C174),
        (1000, 0x52BD1358F22E9EF7),
        (4096, 0xAB77F4AF85F4E70B),
    ];
}
