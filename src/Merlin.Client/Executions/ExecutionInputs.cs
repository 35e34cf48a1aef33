using Merlin.Client.Models;

namespace Merlin.Client.Executions;

/// <summary>The inputs, files and labels of a new execution (sent as a multipart form, as Kestra takes them).</summary>
public sealed class ExecutionInputs
{
    private readonly List<KeyValuePair<string, string>> _values = [];
    private readonly List<(string Name, Stream Content, string FileName)> _files = [];
    private readonly List<Label> _labels = [];

    /// <summary>The input values, by input id.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Values => _values;

    /// <summary>The files, by input id.</summary>
    public IReadOnlyList<(string Name, Stream Content, string FileName)> Files => _files;

    /// <summary>The execution's labels.</summary>
    public IReadOnlyList<Label> Labels => _labels;

    /// <summary>Adds an input value as text (the server parses it by the input's type).</summary>
    public ExecutionInputs Add(string name, string value)
    {
        _values.Add(new(name, value));
        return this;
    }

    /// <summary>Adds a FILE input; the stream is read when the execution is sent, not disposed.</summary>
    public ExecutionInputs AddFile(string name, Stream content, string fileName)
    {
        _files.Add((name, content, fileName));
        return this;
    }

    /// <summary>Adds a label to the execution.</summary>
    public ExecutionInputs AddLabel(string key, string value)
    {
        _labels.Add(new Label(key, value));
        return this;
    }

    internal MultipartFormDataContent ToContent()
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in _values)
        {
            form.Add(new StringContent(value), name);
        }

        foreach (var (name, content, fileName) in _files)
        {
            form.Add(new StreamContent(content), name, fileName);
        }

        return form;
    }
}
