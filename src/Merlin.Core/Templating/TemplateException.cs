namespace Merlin.Core.Templating;

/// <summary>A template failed to parse or render; the message names what failed and quotes the template.</summary>
public class TemplateException : Exception
{
    public TemplateException()
    {
    }

    public TemplateException(string message)
        : base(message)
    {
    }

    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
