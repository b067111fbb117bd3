using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.CodeVersions;

/// <summary>What a walk from a <c>Core</c> found: the members of this compilation it can run, the referenced assemblies
/// it calls into, and the calls whose targets it cannot see.</summary>
internal sealed record CallGraph(IReadOnlyList<CoveredMember> Members, IReadOnlyList<string> Assemblies, IReadOnlyList<BlindSpot> BlindSpots);

/// <summary>A member of this compilation and the syntax whose tokens stand for it.</summary>
internal sealed record CoveredMember(ISymbol Symbol, IReadOnlyList<SyntaxNode> Syntax);

/// <summary>A call the code version cannot follow, and where it is.</summary>
internal sealed record BlindSpot(Location Location, string What);
