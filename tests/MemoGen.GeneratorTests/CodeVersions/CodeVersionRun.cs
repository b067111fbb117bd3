using System.Collections.Generic;
using System.Linq;
using MemoGen.Generator;
using MemoGen.Generator.Models;
using MemoGen.GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.CodeVersions;

/// <summary>Runs the generator on sources and reads each memoized method's code version and what it covers.</summary>
internal sealed class CodeVersionRun
{
    private readonly Dictionary<string, MethodModel> _models;

    private CodeVersionRun(GeneratorRun run)
    {
        Run = run;
        _models = run.Result.Results.Single().TrackedSteps[TrackingNames.ValidMethods]
            .SelectMany(static step => step.Outputs)
            .Select(static output => (MethodModel)output.Value)
            .ToDictionary(static model => model.FunctionName);
    }

    public GeneratorRun Run { get; }

    /// <summary>Runs the generator and asserts that the result compiles without errors.</summary>
    public static CodeVersionRun Of(params string[] sources) => new(GeneratorTestHelper.RunAndCompile(sources));

    public string Version(string functionName) => Model(functionName).CodeVersion;

    public IReadOnlyList<string> Covers(string functionName) => Model(functionName).CodeVersionCovers;

    private MethodModel Model(string functionName)
    {
        Assert.That(_models, Does.ContainKey(functionName), "no generated method " + functionName);
        return _models[functionName];
    }
}
