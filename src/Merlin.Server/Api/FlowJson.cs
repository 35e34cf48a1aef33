using Merlin.Core.Flows;

namespace Merlin.Server.Api;

/// <summary>A flow as Kestra returns it: the flow's own properties plus revision, deleted and (optionally) source.</summary>
internal static class FlowJson
{
    public static Dictionary<string, object?> Of(Flow flow, bool withSource)
    {
        var json = new Dictionary<string, object?>
        {
            ["id"] = flow.Id,
            ["namespace"] = flow.Namespace,
            ["revision"] = flow.Revision,
        };
        foreach (var (key, value) in flow.Document)
        {
            json.TryAdd(key, value);
        }

        if (json.ContainsKey("labels"))
        {
            // Written as a map or a list in the YAML, Kestra always answers a list of {key, value}.
            json["labels"] = flow.Labels.Select(l => new Dictionary<string, object?> { ["key"] = l.Key, ["value"] = l.Value }).ToList();
        }

        json.TryAdd("disabled", flow.Disabled);
        json["deleted"] = flow.Deleted;
        if (flow.Updated is { } updated)
        {
            json["updated"] = updated;
        }

        if (withSource)
        {
            json["source"] = flow.Source;
        }

        return json;
    }
}
