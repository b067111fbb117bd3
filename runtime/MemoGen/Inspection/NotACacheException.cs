using System;

namespace MemoGen.Inspection;

/// <summary>The folder given as a cache is missing, or holds something a MemoGen disk store never writes.</summary>
internal sealed class NotACacheException(string message) : Exception(message);
