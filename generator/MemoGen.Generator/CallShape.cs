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
    private readonly List<string> _state = [];
    private readonly Dictionary<string, string> _stateItemOf = [];

    /// <param name="model">The method.</param>
    /// <param name="self">How the owning instance is reached: <c>this</c> in the method, a field in the handle.</param>
    /// <param name="context">How the context is reached, when it is not <paramref name="self"/> or the context parameter.</param>
    public CallShape(MethodModel model, string self = "this", string? context = null)
    {
        _model = model;
        _self = self;
        ContextParameter = model.Parameters.FirstOrDefault(p => p.Role == ParameterRole.Context)?.Name ?? self;
        Context = model.Form == MemoForm.ContextIsThis ? self : context ?? ContextParameter;

        if (model.Form != MemoForm.StaticWithContext)
        {
            AddState(self, self);
        }

        foreach (var parameter in model.Parameters)
        {
            if (parameter.Role == ParameterRole.Context)
            {
                AddState(parameter.Name, Context);
            }
            else if (!(parameter.Role == ParameterRole.CancellationToken && model.Async != AsyncKind.None))
            {
                AddState(parameter.Name, parameter.Name);
            }
        }
    }

    public string ContextParameter { get; }

    public string Context { get; }

    public string KeyArguments => string.Join(", ", (_model.Form == MemoForm.InstanceWithContext ? [_self] : new string[0])
        .Concat(_model.Parameters.Where(p => p.Role == ParameterRole.Key).Select(p => p.Name)));

    public string State => _state.Count == 1 ? _state[0] : $"({string.Join(", ", _state)})";

    /// <summary>The caller's cancellation token: it cancels the caller's wait, not a computation others share.</summary>
    public string CallerToken => _model.Parameters.FirstOrDefault(p => p.Role == ParameterRole.CancellationToken)?.Name ?? "default";

    public string ComputeLambda
    {
        get
        {
            if (_model.Async == AsyncKind.None)
            {
                return $"static __state => {Convert(CoreCall)}";
            }

            var direct = _model.Conversion == ResultConversion.None && _model.CoreResultType == _model.ResultType;
            return (direct, _model.CoreAsync) switch
            {
                (true, AsyncKind.ValueTask) => $"static (__state, __token) => {CoreCall}",
                (true, _) => $"static (__state, __token) => new global::System.Threading.Tasks.ValueTask<{_model.ResultType}>({CoreCall})",
                _ => $"static async (__state, __token) => {Convert($"await {CoreCall}.ConfigureAwait(false)")}",
            };
        }
    }

    private string CoreCall
    {
        get
        {
            var arguments = _model.Parameters.Select(p =>
                p.Role == ParameterRole.CancellationToken && _model.Async != AsyncKind.None ? "__token" : StateItem(p.Name));
            var receiver = _model.Form == MemoForm.StaticWithContext ? "" : StateItem(_self) + ".";
            return $"{receiver}{_model.CoreName}({string.Join(", ", arguments)})";
        }
    }

    private string Convert(string value) => _model.Conversion switch
    {
        ResultConversion.None => value,
        ResultConversion.AsImmutable => $"global::MemoGen.Infrastructure.MemoConvert.AsImmutable<{_model.CoreResultType}, {_model.ResultType}>({value})",
        var conversion => $"global::MemoGen.Infrastructure.MemoConvert.{conversion}({value})",
    };

    private void AddState(string name, string expression)
    {
        _state.Add(expression);
        _stateItemOf[name] = "Item" + _state.Count;
    }

    private string StateItem(string name) => _state.Count == 1 ? "__state" : "__state." + _stateItemOf[name];
}
