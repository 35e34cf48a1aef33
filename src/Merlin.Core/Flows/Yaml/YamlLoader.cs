using System.Runtime.CompilerServices;
using Merlin.Core.Limits;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Merlin.Core.Flows.Yaml;

/// <summary>
/// The one way Merlin loads YAML (flows and <c>yaml()</c>): depth and aliases counted while parsing, then the
/// alias graph checked before anything walks it, so a hostile document fails with a message naming the limit
/// instead of overflowing the stack or expanding into gigabytes.
/// </summary>
public static class YamlLoader
{
    /// <summary>Loads every document; throws <see cref="YamlException"/> for bad YAML, <see cref="YamlLimitException"/> past a limit.</summary>
    public static YamlStream Load(string text, LimitOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var stream = new YamlStream();
        stream.Load(new LimitedYamlParser(new Parser(new StringReader(text)), limits));
        foreach (var document in stream.Documents)
        {
            new ExpansionCheck(limits).Visit(document.RootNode, 1);
        }

        return stream;
    }

    /// <summary>
    /// Aliases make the node tree a graph: a node reached again is counted again (that is what a reader expands),
    /// the depth is followed through aliases, and a node that contains itself is refused.
    /// </summary>
    private sealed class ExpansionCheck(LimitOptions limits)
    {
        private readonly Dictionary<YamlNode, (long Nodes, int Height)> _done = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<YamlNode> _open = new(ReferenceEqualityComparer.Instance);
        private long _aliased;

        public (long Nodes, int Height) Visit(YamlNode node, int depth)
        {
            if (_done.TryGetValue(node, out var known))
            {
                _aliased += known.Nodes;
                if (_aliased > limits.YamlMaxAliasedNodes)
                {
                    throw Fail(node, LimitExceededException.For($"the YAML aliases expand to more than {limits.YamlMaxAliasedNodes} nodes", limits.YamlMaxAliasedNodes, nameof(LimitOptions.YamlMaxAliasedNodes)));
                }

                if (depth + known.Height - 1 > limits.MaxDepth)
                {
                    throw Fail(node, LimitExceededException.For($"the YAML nests deeper than {limits.MaxDepth} levels once its aliases are expanded", limits.MaxDepth, nameof(LimitOptions.MaxDepth)));
                }

                return known;
            }

            if (!_open.Add(node))
            {
                throw Fail(node, new LimitExceededException("the YAML contains a recursive alias (a node that includes itself)"));
            }

            RuntimeHelpers.EnsureSufficientExecutionStack();
            var result = (Nodes: 1L, Height: 1);
            IEnumerable<YamlNode> children = node switch
            {
                YamlMappingNode map => map.Children.SelectMany(kv => new[] { kv.Key, kv.Value }),
                YamlSequenceNode sequence => sequence.Children,
                _ => [],
            };
            foreach (var child in children)
            {
                var (nodes, height) = Visit(child, depth + 1);
                result = (result.Nodes + nodes, Math.Max(result.Height, height + 1));
            }

            _open.Remove(node);
            _done[node] = result;
            return result;
        }

        private static YamlLimitException Fail(YamlNode node, LimitExceededException limit) => new(node.Start, limit);
    }
}
