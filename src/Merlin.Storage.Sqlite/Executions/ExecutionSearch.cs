using System.Globalization;
using System.Text;
using Merlin.Core.Flows;
using Merlin.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Merlin.Storage.Sqlite.Executions;

/// <summary>
/// Turns an <see cref="ExecutionQuery"/> into a WHERE clause with bound parameters. Namespace matches the
/// namespace and its children (<c>company</c> finds <c>company.team</c>), as Kestra does; the start date
/// filter keeps executions started at or after it, the end date filter those ended at or before it.
/// </summary>
internal static class ExecutionSearch
{
    public static string Where(ExecutionQuery query, SqliteCommand command)
    {
        var where = new StringBuilder("deleted = 0");
        if (query.Namespace is { } ns)
        {
            // Namespaces.Covers as a range, so that the index is used.
            var (from, to) = Namespaces.ChildRange(ns);
            where.Append(" AND (namespace = @ns OR (namespace >= @ns_from AND namespace < @ns_to))");
            command.Set("@ns", ns).Set("@ns_from", from).Set("@ns_to", to);
        }

        if (query.FlowId is { } flowId)
        {
            where.Append(" AND flow_id = @flow_id");
            command.Set("@flow_id", flowId);
        }

        if (query.States is { Count: > 0 } states)
        {
            var names = states.Select((s, i) => (Name: P("@state", i), Value: s.ToString())).ToList();
            where.Append(" AND state IN (").Append(string.Join(", ", names.Select(n => n.Name))).Append(')');
            names.ForEach(n => command.Set(n.Name, n.Value));
        }

        var labels = query.Labels ?? [];
        for (var i = 0; i < labels.Count; i++)
        {
            var (key, value) = labels[i];
            string k = P("@label_key", i), v = P("@label_value", i);
            where.Append(" AND EXISTS (SELECT 1 FROM json_each(executions.labels) AS l WHERE json_extract(l.value, '$.key') = ")
                .Append(k).Append(" AND json_extract(l.value, '$.value') = ").Append(v).Append(')');
            command.Set(k, key).Set(v, value);
        }

        if (query.StartDate is { } start)
        {
            where.Append(" AND start_date >= @start_date");
            command.Set("@start_date", SqliteDates.ToText(start));
        }

        if (query.EndDate is { } end)
        {
            where.Append(" AND end_date <= @end_date");
            command.Set("@end_date", SqliteDates.ToText(end));
        }

        if (query.ParentId is { } parentId)
        {
            where.Append(" AND parent_id = @parent_id");
            command.Set("@parent_id", parentId);
        }
        else
        {
            where.Append(" AND kind IS NULL"); // Loop iterations are found through their parent only
        }

        return where.ToString();
    }

    private static string P(string prefix, int index) => prefix + index.ToString(CultureInfo.InvariantCulture);
}
