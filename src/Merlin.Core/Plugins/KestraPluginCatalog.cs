namespace Merlin.Core.Plugins;

/// <summary>
/// Kestra plugin types that exist in Kestra but not (yet) in Merlin, so a flow written for Kestra is told exactly that
/// instead of "invalid type": Kestra's core types Merlin lacks by name, and Kestra's plugin groups by package.
/// </summary>
public static class KestraPluginCatalog
{
    /// <summary>Kestra core types without a Merlin implementation (checked after the registry, so one implemented later wins).</summary>
    private static readonly HashSet<string> CoreTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "io.kestra.plugin.core.flow.Template",
        "io.kestra.plugin.core.flow.LoopUntil",
        "io.kestra.plugin.core.flow.EmbeddedSubflow",
        "io.kestra.plugin.core.execution.Assert",
        "io.kestra.plugin.core.execution.Exit",
        "io.kestra.plugin.core.execution.SetVariables",
        "io.kestra.plugin.core.execution.UnsetVariables",
        "io.kestra.plugin.core.http.Trigger",
        "io.kestra.plugin.core.http.SseRequest",
        "io.kestra.plugin.core.storage.Write",
        "io.kestra.plugin.core.storage.FilterItems",
        "io.kestra.plugin.core.trigger.Realtime",
        "io.kestra.plugin.core.condition.MultipleCondition",
        "io.kestra.plugin.core.runner.Process",
        "io.kestra.plugin.core.dashboard.chart.Bar",
    };

    /// <summary>Packages of Kestra's plugin groups outside the core (scripts, databases, clouds, messaging...).</summary>
    private static readonly string[] PluginPackages =
    [
        "io.kestra.plugin.scripts.", "io.kestra.plugin.jdbc.", "io.kestra.plugin.aws.", "io.kestra.plugin.gcp.", "io.kestra.plugin.azure.",
        "io.kestra.plugin.kubernetes.", "io.kestra.plugin.docker.", "io.kestra.plugin.git.", "io.kestra.plugin.notifications.", "io.kestra.plugin.fs.",
        "io.kestra.plugin.serdes.", "io.kestra.plugin.transform.", "io.kestra.plugin.dbt.", "io.kestra.plugin.airbyte.", "io.kestra.plugin.fivetran.",
        "io.kestra.plugin.spark.", "io.kestra.plugin.kafka.", "io.kestra.plugin.mongodb.", "io.kestra.plugin.elasticsearch.", "io.kestra.plugin.redis.",
        "io.kestra.plugin.mqtt.", "io.kestra.plugin.nats.", "io.kestra.plugin.amqp.", "io.kestra.plugin.pulsar.", "io.kestra.plugin.solace.",
        "io.kestra.plugin.ansible.", "io.kestra.plugin.terraform.", "io.kestra.plugin.databricks.", "io.kestra.plugin.snowflake.",
        "io.kestra.plugin.singer.", "io.kestra.plugin.cloudquery.", "io.kestra.plugin.modal.", "io.kestra.plugin.openai.", "io.kestra.plugin.github.",
        "io.kestra.plugin.jira.", "io.kestra.plugin.linear.", "io.kestra.plugin.minio.", "io.kestra.plugin.couchbase.", "io.kestra.plugin.cassandra.",
        "io.kestra.plugin.neo4j.", "io.kestra.plugin.debezium.", "io.kestra.plugin.googleworkspace.", "io.kestra.plugin.surrealdb.", "io.kestra.plugin.weaviate.",
        "io.kestra.plugin.powerbi.", "io.kestra.plugin.tableau.", "io.kestra.plugin.hightouch.", "io.kestra.plugin.sqlmesh.", "io.kestra.plugin.soda.",
        "io.kestra.plugin.malloy.", "io.kestra.plugin.servicenow.", "io.kestra.plugin.zendesk.", "io.kestra.plugin.compress.", "io.kestra.plugin.crypto.",
        "io.kestra.plugin.ee.", "io.kestra.plugin.langchain4j.", "io.kestra.plugin.ai.", "io.kestra.plugin.dataform.", "io.kestra.plugin.meilisearch.",
        "io.kestra.plugin.gitlab.", "io.kestra.plugin.jenkins.", "io.kestra.plugin.ldap.", "io.kestra.plugin.templates.",
    ];

    /// <summary>Whether <paramref name="typeName"/> is exactly one of Kestra's core types that Merlin lacks.</summary>
    public static bool IsKestraCoreType(string typeName) => CoreTypes.Contains(typeName);

    /// <summary>Whether <paramref name="typeName"/> lies in one of Kestra's plugin groups outside the core.</summary>
    public static bool IsInKestraPluginGroup(string typeName) =>
        PluginPackages.Any(p => typeName.StartsWith(p, StringComparison.OrdinalIgnoreCase) && typeName.Length > p.Length);
}
