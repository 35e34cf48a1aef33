using Merlin.Core.Limits;
using YamlDotNet.Core;

namespace Merlin.Core.Flows.Yaml;

/// <summary>A YAML text went past a limit while loading; carries where, and the limit's own exception.</summary>
public sealed class YamlLimitException(Mark position, LimitExceededException limit) : Exception(limit.Message, limit)
{
    public SourcePosition Position { get; } = new((int)position.Line, (int)position.Column);
}
