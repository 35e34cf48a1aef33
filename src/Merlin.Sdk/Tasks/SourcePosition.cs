namespace Merlin.Sdk.Tasks;

/// <summary>A line and column (1-based) in a flow's YAML source.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column}";
}
