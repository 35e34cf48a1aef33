namespace Merlin.Plugins.KeyValue;

/// <summary>The type a KV string value is cast to before it is stored (Kestra's <c>KVType</c>).</summary>
public enum KvType
{
    STRING,
    NUMBER,
    BOOLEAN,
    DATETIME,
    DATE,
    DURATION,
    JSON,
}
