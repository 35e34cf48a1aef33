using System.CommandLine;
using Merlin.Client;

namespace Merlin.Server.Cli;

/// <summary><c>merlin flow validate|deploy|list|get|delete</c>.</summary>
internal static class FlowCommands
{
    public static Command Build() => new("flow", "Validate, deploy and manage flows")
    {
        Validate(), Deploy(), List(), Get(), Delete(),
    };

    private static Command Validate()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Flow files or directories (every .yml/.yaml inside)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check flow files offline; exit code 1 with every error and its line and column") { paths };
        command.SetAction(result =>
        {
            try
            {
                var checker = new FlowChecker();
                var documents = result.GetValue(paths)!.SelectMany(FlowFiles.Find).SelectMany(checker.Check).ToList();
                foreach (var document in documents)
                {
                    if (document.Flow is { } flow)
                    {
                        Console.Out.WriteLine($"ok      {document.File}: {flow.Namespace}.{flow.Id}");
                    }

                    foreach (var error in document.Errors)
                    {
                        Console.Error.WriteLine(error);
                    }
                }

                var invalid = documents.Count(d => d.Errors.Count > 0);
                Console.Error.WriteLine(invalid == 0 ? $"{documents.Count} flow(s) valid" : $"{invalid} of {documents.Count} flow(s) invalid");
                return invalid == 0 ? 0 : 1;
            }
            catch (Exception e) when (e is CliException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 1;
            }
        });
        return command;
    }

    private static Command Deploy()
    {
        var path = new Argument<string>("PATH") { Description = "A flow file or a directory of flows" };
        var ns = new Option<string?>("--namespace") { Description = "Every flow must be in this namespace" };
        var deleteMissing = new Option<bool>("--delete-missing") { Description = "Delete the namespace's flows that are not in PATH (needs --namespace)" };
        var command = new Command("deploy", "Create or update flows (unchanged ones keep their revision), after validating them all") { path, ns, deleteMissing };
        command.SetRemoteAction(async (result, client, ct) =>
        {
            var @namespace = result.GetValue(ns);
            if (result.GetValue(deleteMissing) && @namespace is null)
            {
                throw new CliException("--delete-missing needs --namespace: it deletes that namespace's flows not found in PATH");
            }

            var documents = FlowFiles.Find(result.GetValue(path)!).SelectMany(new FlowChecker().Check).ToList();
            var errors = documents.SelectMany(d => d.Errors).ToList();
            if (errors.Count > 0)
            {
                errors.ForEach(Console.Error.WriteLine);
                throw new CliException("nothing deployed: fix the errors above");
            }

            var before = await RevisionsAsync(client, documents.Select(d => d.Flow!.Namespace).Distinct(), ct);
            var saved = await client.Flows.DeployAsync(string.Join("\n---\n", documents.Select(d => d.Source)), @namespace, result.GetValue(deleteMissing), ct);
            CliOutput.Write(result.GetValue(RemoteOptions.Output), saved, ["NAMESPACE", "ID", "REVISION", "CHANGE"], f =>
            [
                f.Namespace, f.Id, f.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
                !before.TryGetValue((f.Namespace, f.Id), out var old) ? "created" : old == f.Revision ? "unchanged" : "updated",
            ]);
            return 0;
        });
        return command;
    }

    private static async Task<Dictionary<(string, string), int>> RevisionsAsync(MerlinClient client, IEnumerable<string> namespaces, CancellationToken ct)
    {
        var revisions = new Dictionary<(string, string), int>();
        foreach (var @namespace in namespaces)
        {
            foreach (var flow in await client.Flows.ListAsync(@namespace, ct))
            {
                revisions[(flow.Namespace, flow.Id)] = flow.Revision;
            }
        }

        return revisions;
    }

    private static Command List()
    {
        var ns = new Option<string?>("--namespace") { Description = "Only this namespace and its children" };
        var query = new Option<string?>("--query", "-q") { Description = "Text to find in the flow id or namespace" };
        var command = new Command("list", "List flows") { ns, query };
        command.SetRemoteAction(async (result, client, ct) =>
        {
            var flows = new List<Client.Models.Flow>();
            for (var page = 1; ; page++)
            {
                var found = await client.Flows.SearchAsync(result.GetValue(query), result.GetValue(ns), page: page, size: 500, cancellationToken: ct);
                flows.AddRange(found.Results);
                if (found.Results.Count == 0 || flows.Count >= found.Total)
                {
                    break;
                }
            }

            CliOutput.Write(result.GetValue(RemoteOptions.Output), flows, ["NAMESPACE", "ID", "REVISION", "DISABLED"], f =>
                [f.Namespace, f.Id, f.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Disabled ? "yes" : ""]);
            return 0;
        });
        return command;
    }

    private static Command Get()
    {
        var ns = new Argument<string>("NAMESPACE");
        var id = new Argument<string>("ID");
        var revision = new Option<int?>("--revision") { Description = "A past revision (default: the latest)" };
        var command = new Command("get", "Print a flow's YAML source (or its JSON with --output json)") { ns, id, revision };
        command.SetRemoteAction(async (result, client, ct) =>
        {
            var flow = await client.Flows.GetAsync(result.GetValue(ns)!, result.GetValue(id)!, result.GetValue(revision), source: true, ct);
            if (result.GetValue(RemoteOptions.Output) == OutputFormat.Json)
            {
                CliOutput.WriteJson(flow);
            }
            else
            {
                Console.Out.WriteLine(flow.Source);
            }

            return 0;
        });
        return command;
    }

    private static Command Delete()
    {
        var ns = new Argument<string>("NAMESPACE");
        var id = new Argument<string>("ID");
        var command = new Command("delete", "Delete a flow") { ns, id };
        command.SetRemoteAction(async (result, client, ct) =>
        {
            await client.Flows.DeleteAsync(result.GetValue(ns)!, result.GetValue(id)!, ct);
            await Console.Error.WriteLineAsync($"deleted {result.GetValue(ns)}.{result.GetValue(id)}");
            return 0;
        });
        return command;
    }
}
