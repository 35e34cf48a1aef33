namespace Merlin.Plugins.Storage;

public enum FilterType
{
    INCLUDE,
    EXCLUDE,
}
