namespace Merlin.Core.Templating;

public static class Truthiness
{
    public static bool IsTruthy(string rendered) => rendered is not ("false" or "0" or "-0" or "");
}
