namespace Merlin.Core.Templating.Jq;

/// <summary>A jq filter expression node.</summary>
internal abstract record JqNode;

internal sealed record JqIdentity : JqNode;

internal sealed record JqRecurse : JqNode;

internal sealed record JqLiteral(object? Value) : JqNode;

internal sealed record JqField(JqNode Target, string Name) : JqNode;

internal sealed record JqIndex(JqNode Target, JqNode Index) : JqNode;

internal sealed record JqSlice(JqNode Target, JqNode? From, JqNode? To) : JqNode;

internal sealed record JqIterate(JqNode Target) : JqNode;

/// <summary><c>f?</c>: errors produce no output.</summary>
internal sealed record JqTry(JqNode Body) : JqNode;

internal sealed record JqPipe(JqNode Left, JqNode Right) : JqNode;

internal sealed record JqComma(JqNode Left, JqNode Right) : JqNode;

internal sealed record JqBinary(string Op, JqNode Left, JqNode Right) : JqNode;

internal sealed record JqNegate(JqNode Operand) : JqNode;

internal sealed record JqArray(JqNode? Body) : JqNode;

internal sealed record JqObject(IReadOnlyList<(JqNode Key, JqNode? Value)> Entries) : JqNode;

internal sealed record JqIf(JqNode Condition, JqNode Then, JqNode? Else) : JqNode;

internal sealed record JqCall(string Name, IReadOnlyList<JqNode> Arguments) : JqNode;
