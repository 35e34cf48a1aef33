namespace Merlin.Plugins.Scripts;

/// <summary>Marker type to find this assembly's plugins (Kestra's <c>plugin-scripts</c>: shell, Python, Node.js).</summary>
public static class ScriptsAssembly;
