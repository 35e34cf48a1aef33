namespace Merlin.Server.Api.OpenApi;

/// <summary>A request or response body: its media type and what it holds.</summary>
internal sealed record ApiBody(string ContentType, BodyShape Shape, Type? Type = null)
{
    public static ApiBody Json<T>() => new("application/json", BodyShape.Typed, typeof(T));

    public static ApiBody Yaml { get; } = new("application/x-yaml", BodyShape.Text);

    public static ApiBody Text { get; } = new("text/plain", BodyShape.Text);

    public static ApiBody Binary { get; } = new("application/octet-stream", BodyShape.Binary);

    public static ApiBody InputsForm { get; } = new("multipart/form-data", BodyShape.InputsForm);

    public static ApiBody FileForm { get; } = new("multipart/form-data", BodyShape.FileForm);

    public static ApiBody AnyJson { get; } = new("application/json", BodyShape.AnyJson);

    public static ApiBody Events<T>() => new("text/event-stream", BodyShape.Typed, typeof(T));
}
