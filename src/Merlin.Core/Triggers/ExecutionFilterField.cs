namespace Merlin.Core.Triggers;

public enum ExecutionFilterField
{
    FLOW_ID,
    NAMESPACE,
    STATE,
    EXPRESSION,
}
