using System.Runtime.CompilerServices;
using Parlot;
using Parlot.Fluent;

namespace Merlin.Core.Templating.Syntax;

/// <summary>
/// Wraps the recursive points of a grammar: before descending one more level it checks that the stack has room,
/// so a deeply nested text (thousands of brackets or minus signs) fails to parse instead of overflowing the stack.
/// </summary>
internal sealed class StackGuard<T>(Parser<T> inner) : Parser<T>
{
    public override bool Parse(ParseContext context, ref ParseResult<T> result)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return inner.Parse(context, ref result);
    }
}
