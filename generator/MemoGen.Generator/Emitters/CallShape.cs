using System.CodeDom.Compiler;
using System.Collections.Generic;
using System.Linq;
using MemoGen.Generator.Models;

namespace MemoGen.Generator;

/// <summary>
/// The expressions a generated call is made of: the context, the key's arguments, the state handed to the
/// compute lambda (so it captures nothing and allocates no closure) and the lambda that calls the implementation.
/// </summary>
internal sealed class CallShape
{
    private readonly MethodModel _model;
    private readonly string _self;
    private readonly System.Func<ParameterModel, string> _argument;
    /// <summary>Names C# does not take for a tuple element; such an element is read by its position instead.</summary>
    private static readonly HashSet<string> DisallowedElementNames = ["CompareTo", "Deconstruct", "Equals", "GetHashCode", "Rest", "ToString"];

    private readonly List<(string Element, string Expression, string Type)> _state = [];
    private readonly Dictionary<string, string> _stateItemOf = [];

    /// <param name="model">The method.</param>
    /// <param name="self">How the owning instance is reached: <c>this</c> in the method, a field in the handle.</param>
    /// <param name="context">How the context is reached, when it is not <paramref name="self"/> or the context parameter.</param>
    /// <param name="argument">How each other parameter is reached, when it is not by its name.</param>
    public CallShape(MethodModel model, string self = "this", string? context = null, System.Func<ParameterModel, string>? argument = null)
    {
        _model = model;
        _self = self;
        _argument = argument ?? (p => p.Name);
        ContextParameter = model.Parameters.FirstOrDefault(p => p.Role == ParameterRole.Context)?.Name ?? self;
        Context = model.Form == MemoForm.ContextIsThis ? self : context ?? ContextParameter;

        if (model.Form != MemoForm.StaticWithContext)
        {
            AddState(Owner, self, model.OwnerType);
        }

        foreach (var parameter in model.Parameters)
        {
            if (parameter.Role == ParameterRole.Context)
            {
                AddState(parameter.Name, Context, parameter.Type);
            }
            else if (!(parameter.Role == ParameterRole.CancellationToken && model.Async != AsyncKind.None))
            {
                AddState(parameter.Name, _argument(parameter), parameter.Type);
            }
        }
    }

    public string ContextParameter { get; }

    public string Context { get; }

    public string KeyArguments => string.Join(", ", (_model.Form == MemoForm.InstanceWithContext ? [_self] : new string[0])
        .Concat(_model.Parameters.Where(p => p.Role == ParameterRole.Key).Select(_argument)));

    /// <summary>
    /// The state handed to the lambda: the value itself when there is one, else a tuple whose elements are named after
    /// the parameters they carry (the owner as <c>__memoOwner</c>), by inference where the expression is that name.
    /// </summary>
    public string State => _state.Count == 1
        ? _state[0].Expression
        : $"({string.Join(", ", _state.Select((s, i) => IsNamed(s.Element, i) && s.Element != s.Expression ? $"{s.Element}: {s.Expression}" : s.Expression))})";

    /// <summary>The caller's cancellation token: it cancels the caller's wait, not a computation others share.</summary>
    public string CallerToken => _model.Parameters.FirstOrDefault(p => p.Role == ParameterRole.CancellationToken)?.Name ?? "default";

    /// <summary>The type of <see cref="State"/>, with the same element names.</summary>
    public string StateType => _state.Count == 1
        ? _state[0].Type
        : $"({string.Join(", ", _state.Select((s, i) => IsNamed(s.Element, i) ? $"{s.Type} {s.Element}" : s.Type))})";

    /// <summary>
    /// The static method that calls the implementation with the state and converts its result: the miss path and
    /// <c>Recompute</c> hand it to the table as a method group (cached by the compiler, so no delegate is allocated).
    /// </summary>
    public static string RunMethod(MethodModel model) => "__memoRun_" + model.Stem;

    /// <summary>Writes <see cref="RunMethod"/>.</summary>
    public void WriteRunMethod(IndentedTextWriter writer)
    {
        var name = RunMethod(_model);
        if (_model.Async == AsyncKind.None)
        {
            writer.WriteLine($"private static {_model.ResultType} {name}({StateType} __memoState) => {Convert(CoreCall)};");
            return;
        }

        var direct = _model.Conversion == ResultConversion.None && _model.CoreResultType == _model.ResultType;
        var (modifiers, body) = (direct, _model.CoreAsync) switch
        {
            (true, AsyncKind.ValueTask) => ("private static", CoreCall),
            (true, _) => ("private static", $"new global::System.Threading.Tasks.ValueTask<{_model.ResultType}>({CoreCall})"),
            _ => ("private static async", Convert($"await {CoreCall}.ConfigureAwait(false)")),
        };
        writer.WriteLine($"{modifiers} global::System.Threading.Tasks.ValueTask<{_model.ResultType}> {name}({StateType} __memoState, global::System.Threading.CancellationToken __memoToken) => {body};");
    }

    private string CoreCall
    {
        get
        {
            var arguments = _model.Parameters.Select(p =>
                p.Role == ParameterRole.CancellationToken && _model.Async != AsyncKind.None ? "__memoToken" : StateItem(p.Name));
            var receiver = _model.Form == MemoForm.StaticWithContext ? "" : StateItem(Owner) + ".";
            return $"{receiver}{_model.CoreName}({string.Join(", ", arguments)})";
        }
    }

    private string Convert(string value) => _model.Conversion switch
    {
        ResultConversion.None => value,
        ResultConversion.AsImmutable => $"global::MemoGen.Infrastructure.MemoConvert.AsImmutable<{_model.CoreResultType}, {_model.ResultType}>({value})",
        var conversion => $"global::MemoGen.Infrastructure.MemoConvert.{conversion}({value})",
    };

    private const string Owner = "__memoOwner";

    private void AddState(string name, string expression, string type)
    {
        var index = _state.Count;
        _state.Add((name, expression, type));
        _stateItemOf[name] = IsNamed(name, index) ? name : "Item" + (index + 1);
    }

    private static bool IsNamed(string element, int index) =>
        !DisallowedElementNames.Contains(element.TrimStart('@'))
        && !(element.StartsWith("Item", System.StringComparison.Ordinal) && element != "Item" + (index + 1) && element.Substring(4).All(char.IsDigit));

    private string StateItem(string name) => _state.Count == 1 ? "__memoState" : "__memoState." + _stateItemOf[name];
}
