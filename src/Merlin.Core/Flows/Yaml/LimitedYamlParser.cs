using Merlin.Core.Limits;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Merlin.Core.Flows.Yaml;

/// <summary>
/// Counts the parser's events before YamlDotNet builds nodes from them (recursively): a document nesting deeper
/// than <see cref="LimitOptions.MaxDepth"/> or using more than <see cref="LimitOptions.YamlMaxAliases"/> aliases to
/// collections is refused before it can exhaust the stack or memory.
/// </summary>
internal sealed class LimitedYamlParser(IParser inner, LimitOptions limits) : IParser
{
    private readonly HashSet<AnchorName> _collectionAnchors = [];
    private int _depth;
    private int _aliases;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case DocumentStart:
                _aliases = 0;
                _collectionAnchors.Clear();
                break;
            case NodeEvent { NestingIncrease: > 0 } start:
                if (++_depth > limits.MaxDepth)
                {
                    throw new YamlLimitException(start.Start, LimitExceededException.For($"the YAML nests deeper than {limits.MaxDepth} levels", limits.MaxDepth, nameof(LimitOptions.MaxDepth)));
                }

                if (!start.Anchor.IsEmpty)
                {
                    _collectionAnchors.Add(start.Anchor);
                }

                break;
            case { NestingIncrease: < 0 }:
                _depth--;
                break;
            case AnchorAlias alias when _collectionAnchors.Contains(alias.Value) && ++_aliases > limits.YamlMaxAliases:
                throw new YamlLimitException(alias.Start, LimitExceededException.For($"the YAML uses more than {limits.YamlMaxAliases} aliases to collections", limits.YamlMaxAliases, nameof(LimitOptions.YamlMaxAliases)));
        }

        return true;
    }
}
