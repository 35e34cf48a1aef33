namespace Merlin.Core.Triggers;

public enum FilterOperand
{
    AND,
    OR,
}
