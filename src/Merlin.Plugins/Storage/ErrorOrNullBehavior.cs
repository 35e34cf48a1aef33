namespace Merlin.Plugins.Storage;

public enum ErrorOrNullBehavior
{
    FAIL,
    INCLUDE,
    EXCLUDE,
}
