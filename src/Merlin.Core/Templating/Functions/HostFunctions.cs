using Merlin.Core.Templating.Evaluation;

namespace Merlin.Core.Templating.Functions;

/// <summary>Functions backed by <see cref="ITemplateHost"/>: read, fileSize, kv, secret, errorLogs.</summary>
internal static class HostFunctions
{
    public static void Register(Dictionary<string, TemplateFunction> functions)
    {
        functions["read"] = (args, ev) => Host(ev, "read").Read(args.RequireString(0, "path", "read"));
        functions["fileSize"] = (args, ev) => Host(ev, "fileSize").FileSize(args.RequireString(0, "path", "fileSize"));
        functions["kv"] = (args, ev) => Host(ev, "kv").Kv(args.RequireString(0, "key", "kv"), args.GetString(1, "namespace"), args.GetBool(2, "errorOnMissing", false));
        functions["secret"] = (args, ev) => Host(ev, "secret").Secret(args.RequireString(0, "key", "secret"));
        functions["errorLogs"] = (_, ev) => Host(ev, "errorLogs").ErrorLogs().Select(e => (object?)e).ToList();
    }

    private static ITemplateHost Host(Evaluator evaluator, string function) =>
        evaluator.Context.Host ?? throw new TemplateException($"The function `{function}` is not available in this context");
}
