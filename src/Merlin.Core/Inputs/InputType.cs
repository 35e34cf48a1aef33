namespace Merlin.Core.Inputs;

/// <summary>Kestra's input types (upper-case names, as written in flows).</summary>
public enum InputType
{
    STRING,
    ENUM,
    SELECT,
    MULTISELECT,
    INT,
    FLOAT,
    BOOLEAN,
    BOOL,
    DATETIME,
    DATE,
    TIME,
    DURATION,
    FILE,
    JSON,
    YAML,
    URI,
    SECRET,
    ARRAY,
    EMAIL,
}
