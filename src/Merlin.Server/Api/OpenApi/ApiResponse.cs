namespace Merlin.Server.Api.OpenApi;

/// <summary>One documented answer: status, meaning, and its bodies (none for 202/204).</summary>
internal sealed record ApiResponse(int Status, string Description, params ApiBody[] Bodies)
{
    public static ApiResponse Ok<T>(string description = "OK") => new(200, description, ApiBody.Json<T>());

    public static ApiResponse NoContent(string description = "Done") => new(204, description);
}
