using System.Globalization;
using System.Text;
using System.Text.Json;
using Merlin.Core.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Merlin.Storage.Postgres.Executions;

/// <summary>
/// Turns an <see cref="ExecutionQuery"/> into a WHERE clause with bound parameters. Namespace matches the
/// namespace and its children (<c>company</c> finds <c>company.team</c>), as Kestra does; the start date
/// filter keeps executions started at or after it, the end date filter those ended at or before it; labels
/// are matched by containment (<c>labels @> [{"key":..,"value":..}]</c>), which the GIN index serves.
/// </summary>
internal static class ExecutionSearch
{
    public static string Where(ExecutionQuery query, List<NpgsqlParameter> parameters)
    {
        var where = new StringBuilder("NOT deleted");
        if (query.Namespace is { } ns)
        {
            // '.' + 1 is '/': in the "C" collation the half-open range [ns + '.', ns + '/') holds exactly the children.
            where.Append(" AND (namespace = @ns OR (namespace >= @ns_from AND namespace < @ns_to))");
            Add(parameters, "ns", ns);
            Add(parameters, "ns_from", ns + ".");
            Add(parameters, "ns_to", ns + "/");
        }

        if (query.FlowId is { } flowId)
        {
            where.Append(" AND flow_id = @flow_id");
            Add(parameters, "flow_id", flowId);
        }

        if (query.States is { Count: > 0 } states)
        {
            where.Append(" AND state = ANY(@states)");
            parameters.Add(new NpgsqlParameter("states", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = states.Select(s => s.ToString()).ToArray() });
        }

        var labels = query.Labels ?? [];
        for (var i = 0; i < labels.Count; i++)
        {
            var (key, value) = labels[i];
            var name = "label" + i.ToString(CultureInfo.InvariantCulture);
            where.Append(" AND labels @> @").Append(name);
            var json = JsonSerializer.Serialize(new[] { new Dictionary<string, string> { ["key"] = key, ["value"] = value } });
            parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json });
        }

        if (query.StartDate is { } start)
        {
            where.Append(" AND start_date >= @start_date");
            Add(parameters, "start_date", PostgresDates.ToText(start));
        }

        if (query.EndDate is { } end)
        {
            where.Append(" AND end_date <= @end_date");
            Add(parameters, "end_date", PostgresDates.ToText(end));
        }

        if (query.ParentId is { } parentId)
        {
            where.Append(" AND parent_id = @parent_id");
            Add(parameters, "parent_id", parentId);
        }
        else
        {
            where.Append(" AND kind IS NULL"); // Loop iterations are found through their parent only
        }

        return where.ToString();
    }

    private static void Add(List<NpgsqlParameter> parameters, string name, string value) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = value });
}
