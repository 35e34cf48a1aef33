namespace Merlin.Core.Triggers;

public enum ExecutionFilterType
{
    EQUAL_TO,
    NOT_EQUAL_TO,
    IN,
    NOT_IN,
    IS_TRUE,
    IS_FALSE,
    IS_NULL,
    IS_NOT_NULL,
    STARTS_WITH,
    ENDS_WITH,
    REGEX,
    CONTAINS,
}
