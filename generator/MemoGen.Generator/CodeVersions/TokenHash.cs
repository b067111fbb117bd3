using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.CodeVersions;

/// <summary>
/// FNV-1a, 64 bits, over text and over the tokens of syntax (each token's text and a separator, without trivia): it only
/// has to change when the code does, and be the same in every build of the same code.
/// </summary>
internal sealed class TokenHash
{
    private ulong _hash = 0xcbf29ce484222325UL;

    public string Value => _hash.ToString("x16");

    public void Add(string text)
    {
        foreach (var c in text)
        {
            _hash = (_hash ^ c) * 0x100000001b3UL;
        }
    }

    public void AddTokens(IEnumerable<SyntaxNode> nodes, CancellationToken cancellationToken)
    {
        foreach (var node in nodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var token in node.DescendantTokens())
            {
                Add(token.Text);
                Add(" ");
            }
        }
    }
}
