namespace MemoGen.RuntimeTests.Hashing;

/// <summary>
/// The pseudorandom buffer of xxHash's published sanity checks: byte i is the top byte of 2654435761 * 11400714785074694797^i.
/// </summary>
internal static class SanityBuffer
{
    public static byte[] Create(int length)
    {
        var buffer = new byte[length];
        ulong generator = 2654435761;
        for (int i = 0; i < length; i++)
        {
            buffer[i] = (byte)(generator >> 56);
            generator *= 11400714785074694797;
        }

        return buffer;
    }
}
