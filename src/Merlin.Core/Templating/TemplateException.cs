namespace Merlin.Core.Templating;

public class TemplateException(string message) : Exception(message);
