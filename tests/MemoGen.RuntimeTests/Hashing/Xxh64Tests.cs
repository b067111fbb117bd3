using System;
using System.Collections.Generic;
using System.Text;
using MemoGen.Hashing;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Hashing;

public sealed class Xxh64Tests
{
    private const ulong Prime32 = 2654435761;

    // xxHash's own published sanity vectors (XXH64 over the sanity buffer).
    [TestCase(0, 0UL, 0xEF46DB3751D8E999UL)]
    [TestCase(0, Prime32, 0xAC75FDA2929B17EFUL)]
    [TestCase(1, 0UL, 0xE934A84ADB052768UL)]
    [TestCase(1, Prime32, 0x5014607643A9B4C3UL)]
    [TestCase(4, 0UL, 0x9136A0DCA57457EEUL)]
    [TestCase(14, 0UL, 0x8282DCC4994E35C8UL)]
    [TestCase(14, Prime32, 0xC3BD6BF63DEB6DF0UL)]
    [TestCase(222, 0UL, 0xB641AE8CB691C174UL)]
    [TestCase(222, Prime32, 0x20CB8AB7AE10C14AUL)]
    public void Published_sanity_vectors(int length, ulong seed, ulong expected)
    {
        Assert.That(Xxh64.Hash(SanityBuffer.Create(length), seed), Is.EqualTo(expected));
    }

    [TestCase("", 0xEF46DB3751D8E999UL)]
    [TestCase("a", 0xD24EC4F1A98C6E5BUL)]
    [TestCase("abc", 0x44BC2CF5AD770999UL)]
    [TestCase("Nobody inspects the spammish repetition", 0xFBCEA83C8A378BF1UL)]
    public void Known_ascii_strings_with_seed_zero(string text, ulong expected)
    {
        Assert.That(Xxh64.Hash(Encoding.ASCII.GetBytes(text), 0), Is.EqualTo(expected));
    }

    // Every length from 0 to 64 (so every tail of 1..31 bytes after a stripe, and exactly 32 and 64 bytes), then longer
    // inputs, under both seeds of MemoHasher. Computed by an independent C implementation that reproduces the
    // published vectors above.
    [TestCaseSource(nameof(LengthVectors))]
    public void Every_length_branch_under_both_memo_seeds(int length, ulong seedZero, ulong seedGolden)
    {
        byte[] data = SanityBuffer.Create(length);
        Assert.Multiple(() =>
        {
            Assert.That(Xxh64.Hash(data, DualXxh64.Seed1), Is.EqualTo(seedZero), "seed 0");
            Assert.That(Xxh64.Hash(data, DualXxh64.Seed2), Is.EqualTo(seedGolden), "seed 0x9E3779B97F4A7C15");
        });
    }

    [Test]
    public void Memo_seeds_are_the_specified_ones()
    {
        Assert.That((DualXxh64.Seed1, DualXxh64.Seed2), Is.EqualTo((0UL, 0x9E3779B97F4A7C15UL)));
    }

    private static IEnumerable<TestCaseData> LengthVectors()
    {
        foreach ((int length, ulong seedZero, ulong seedGolden) in Vectors)
        {
            yield return new TestCaseData(length, seedZero, seedGolden).SetArgDisplayNames($"length {length}");
        }
    }

    private static readonly (int Length, ulong SeedZero, ulong SeedGolden)[] Vectors =
    [
        (0, 0xEF46DB3751D8E999, 0xC4349FC93C010000),
        (1, 0xE934A84ADB052768, 0x126BB57A12364AA5),
        (2, 0x5D48CD60A77E23FF, 0x4137A80240E8C63B),
        (3, 0xFF7E1959CB50794A, 0xE23F055F9113033D),
        (4, 0x9136A0DCA57457EE, 0xF6337E5FB526B92E),
        (5, 0x9B046FB1397F09A5, 0x3FE27FB9D0EB8E4C),
        (6, 0xC72565B7154268A8, 0xE7CB0EE8C02E5A20),
        (7, 0x6C83909A9F01ED25, 0x3E322FAE9895AAA9),
        (8, 0xCDBCF538E71D1348, 0x4FE88E05B3A5BFD8),
        (9, 0x554B1AE991EDA6B6, 0xE99C39E7F0F6400E),
        (10, 0x5D00E7351392EA84, 0x86F401F6832AA056),
        (11, 0x6345D5746F35DA70, 0xF7B2754830AE39F1),
        (12, 0x0723BF50086EAD9A, 0xA017E61772D724E2),
        (13, 0xC2E5013E3C40BCF7, 0x1EB6F4272784CFF5),
        (14, 0x8282DCC4994E35C8, 0xBDD0F167D252E0BB),
        (15, 0x180719316D622D84, 0xB0298E00622D8613),
        (16, 0x98C90B57FDFCB55C, 0xB37A43269A32566A),
        (17, 0x0D39A2D051A30C2C, 0xFD7E04ED256C9413),
        (18, 0x33E84A4333B2B2EB, 0xD2467F8E22F49ADC),
        (19, 0xE91C6EF31FC08F82, 0x85C48D5A7FF0B0C7),
        (20, 0x5F8C68355769439E, 0x5D434F4AB4040E47),
        (21, 0x42B0B8EE353AC461, 0x846F568193689B0F),
        (22, 0x65C935C6978098B1, 0xDE417B33447791DF),
        (23, 0xD2460ECC840B74DD, 0x5E5623BC52C221D7),
        (24, 0xF75A6DEA42DC5BF4, 0xE172AB7613DE7503),
        (25, 0x52FAA43C3F20B994, 0xEA5D6A39E19EE3F5),
        (26, 0x8DB7831EC345F9A3, 0x4267171F3BB16343),
        (27, 0x88945AA08051FC2D, 0x5604520D068C1E8B),
        (28, 0x64CD9E8C96A9E2DD, 0xE5D5D94925228B85),
        (29, 0x8C8F345B634AC2B9, 0x4AEB6C7BCFB47819),
        (30, 0xE2677241D4C46CAF, 0x57084064F2DD9CB2),
        (31, 0x299B39A290E6D783, 0xB9FA34ECBF9B57FF),
        (32, 0x18B216492BB44B70, 0xE65EA5F4EFF5D5DE),
        (33, 0x55C8DC3E578F5B59, 0xF166A3272CADC4AB),
        (34, 0xD0CE7CBAE371BEB2, 0xCD7047A9FF464E63),
        (35, 0xCB0AA8E2A7A29707, 0xFEEE7A90B28A6235),
        (36, 0x0AE67584084DC6A4, 0x0244AD7C1AB5F040),
        (37, 0x292F5332C92B73CE, 0x901F9CE092A7C515),
        (38, 0x5F398E2A8478BED3, 0x9B373BBBA16D00CA),
        (39, 0xB888CAF07592B1B3, 0x02745F9007C3253C),
        (40, 0x23B3810D7D8B1731, 0x33DDD8C345345D74),
        (41, 0x5342C966C7F3D5F4, 0x4F7493AB24159752),
        (42, 0x77454B74F1DBBF63, 0x1BCE6F40A842E938),
        (43, 0x9904C9350F597190, 0x301E6248CDE18C2C),
        (44, 0x24EC2B3D0E442641, 0xCB2FA08D8F3C7792),
        (45, 0x4EC307EBE0A650A4, 0xB772A9FC3B239A37),
        (46, 0x7DD1C5514B2240EF, 0xBBB8AD226C093061),
        (47, 0x84A42E167CBD1FEF, 0xBB7F667357BC960C),
        (48, 0xFD0FEEAC7A939933, 0x1101EFD04B073E20),
        (49, 0xA91BFF78A7185B66, 0xEC779938C492660C),
        (50, 0xDFFE9F293DDD101D, 0xE4449004F90D0F94),
        (51, 0x2332585C18D7483A, 0x9124EC50244C25A8),
        (52, 0x5A0056511F9DD653, 0xC8437988525F26D9),
        (53, 0x4426A2F5C8D59469, 0xD2D43EF8D4F675DC),
        (54, 0x39EAF8893520636A, 0xBE3F2A448FCEADEB),
        (55, 0xAFEA98CC4E92F7E1, 0x04979D0F249BEDC6),
        (56, 0xB7A6414B8D3E2597, 0xEC781B13E6F6D28F),
        (57, 0xF33D64569CD4B1C0, 0x54667CE499CAAE91),
        (58, 0x93FA072F0E8FE7CA, 0xE0695044B72CCC44),
        (59, 0x4F2890576949D6ED, 0xE1729E7EC6A41FE8),
        (60, 0x3378C44F459C290B, 0x2FCEE25EB165AD2D),
        (61, 0x40D486FDDDAD5CB7, 0xC7770DD34DE7FF95),
        (62, 0x21664C60C551CC87, 0x5147787CB5624AEC),
        (63, 0xA9EFBE0FA0F3F4E7, 0x0A36D884436EFE01),
        (64, 0xEF558F8ACAC2B5CD, 0xE7BD5052C0D2145E),
        (100, 0x4BFE019CD91D9EA4, 0x8DD80A6EF6296BF7),
        (127, 0x3C7A21119AA662B0, 0x6E4BFB87F6F93844),
        (128, 0x90CA021457D96DC5, 0xEE2D27FB74953396),
        (129, 0x41C280132D697ABA, 0x2AA17FD49C171BD2),
        (222, 0xB641AE8CB691C174, 0x8CDF13BA7F241D67),
        (1000, 0x52BD1358F22E9EF7, 0xFE2999EA3CCE8D6D),
        (4096, 0xAB77F4AF85F4E70B, 0xB98397D7954F5BA8),
    ];
}
