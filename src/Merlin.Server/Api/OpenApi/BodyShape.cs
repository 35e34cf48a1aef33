namespace Merlin.Server.Api.OpenApi;

/// <summary>Bodies whose schema is not one .NET type: YAML or plain text, a file, an inputs form, free JSON.</summary>
internal enum BodyShape
{
    /// <summary>The schema of <see cref="ApiBody.Type"/>.</summary>
    Typed,

    /// <summary>A string (YAML source, log text).</summary>
    Text,

    /// <summary>Bytes (a downloaded file).</summary>
    Binary,

    /// <summary>An execution's inputs: one form field per input, a file part for FILE inputs.</summary>
    InputsForm,

    /// <summary>A file upload: a multipart part named <c>fileContent</c>.</summary>
    FileForm,

    /// <summary>Any JSON value (a webhook's payload, free-form outputs).</summary>
    AnyJson,
}
