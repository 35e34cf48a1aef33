namespace Merlin.Plugins;

/// <summary>Marker type to find this assembly's plugins.</summary>
public static class PluginsAssembly;
