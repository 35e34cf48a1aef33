using System.CommandLine;
using Merlin.Core.Flows.Yaml;
using Merlin.Core.Plugins;
using Merlin.Core.Plugins.Schemas;
using Merlin.Server.Docs;

using Merlin.Server.Hosting;

namespace Merlin.Server.Cli;

/// <summary><c>merlin docs generate DIR</c>: writes the reference of every task, trigger, condition and template feature.</summary>
internal static class DocsCommands
{
    public static Command Build()
    {
        var directory = new Argument<string>("DIR") { Description = "Where to write the reference (docs/reference in the repository)" };
        var generate = new Command("generate", "Write the reference generated from the task definitions") { directory };
        generate.SetAction(result =>
        {
            var target = result.GetValue(directory)!;
            Directory.CreateDirectory(target);
            foreach (var (file, text) in ReferenceWriter.Render(Schema()))
            {
                File.WriteAllText(Path.Combine(target, file), text);
            }

            Console.Error.WriteLine($"reference written to {Path.GetFullPath(target)}");
            return 0;
        });
        return new Command("docs", "The user guide's generated reference") { generate };
    }

    /// <summary>The flow JSON Schema exactly as the server serves it.</summary>
    public static System.Text.Json.Nodes.JsonObject Schema() =>
        new FlowSchemaGenerator(PluginAssemblies.Registry(), new PluginDocumentation()).Generate();
}
