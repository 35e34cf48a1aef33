using System.CommandLine;

namespace Merlin.Server.Cli;

/// <summary>
/// The <c>merlin</c> command line: <c>server local</c>, and the remote commands a CI pipeline needs
/// (<c>flow</c>, <c>execution</c>, <c>tokens</c>) through <see cref="Merlin.Client.MerlinClient"/>.
/// </summary>
internal static class CommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Merlin, a declarative workflow orchestration server speaking Kestra's language")
        {
            ServerCommands.Build(), FlowCommands.Build(), ExecutionCommands.Build(), TokenCommands.Build(), DocsCommands.Build(),
        };
        foreach (var option in RemoteOptions.All)
        {
            root.Options.Add(option);
        }

        return root;
    }
}
