using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Socktest.Generator.Model;

namespace Socktest.Tests.Robustness;

/// <summary>Writes random [SocketSyscalls] declarations, valid and broken, from a seeded <see cref="Random"/>: member
/// names (the calls of the call table, near misses, Native), parameter lists, types and ref kinds, modifiers, nesting, duplicate
/// attributes, SwitchName values, base lists, partial parts in a second file, and truncated text.</summary>
public sealed class RandomDeclarations(int seed)
{
    private static readonly (string Name, string Parameters)[] Calls = CallTable.All
        .Select(call => (call.Name, string.Join(", ", call.Parameters.Select(p => p.Modifier + p.TypeName + " " + p.DefaultName))))
        .ToArray();

    private static readonly string[] NearMisses = ["Conect", "close", "Accept5", "Sockets", "Native", "Set", "Stats", "Listen2", "GetSockOptInt", "Sendto", "Receive"];
    private static readonly string[] ParameterNames = ["fd", "socket", "@event", "_core", "_inner", "call", "result", "call_", "value", "global", "address"];
    private static readonly string[] ParameterTypes = ["int", "long", "uint", "Span<byte>", "ReadOnlySpan<byte>", "byte[]", "int?", "System.Int32", "string", "Missing"];
    private static readonly string[] RefKinds = ["", "", "", "out ", "ref ", "in ", "params ", "scoped "];
    private static readonly string[] SwitchNames = ["Faulty", "SocketCallsSwitch", "", "class", "record", "1st", "with space", "NativeCalls", "Outer", "Calls", "Demo", "ISocketCalls"];
    private static readonly string[] ContainerKinds = ["class", "struct", "record", "record struct", "interface", "static class", "ref struct", "readonly struct"];

    private readonly Random _random = new(seed);

    /// <summary>One to three source files: the declaration, sometimes a second partial part, and unrelated code.</summary>
    public string[] Next()
    {
        bool nested = Chance(0.4);
        string interfaceName = Pick(["ISocketCalls", "ICalls", "Calls", "I", "IOuter"]);
        var containers = nested ? Enumerable.Range(0, _random.Next(1, 3)).Select(depth => Container(depth)).ToList() : [];
        bool split = Chance(0.15);

        var main = new StringBuilder("using System;\nusing Socktest;\n\n");
        string? ns = Pick([null, "Demo", "Demo.Net"]);
        if (ns is not null)
        {
            main.Append("namespace ").Append(ns).Append(";\n\n");
        }

        if (Chance(0.1))
        {
            main.Append("public class ").Append(Pick(["SocketCallsSwitch", "CallsSwitch", "Faulty", "ISwitch"])).Append(" { }\n\n");
        }

        foreach (var container in containers)
        {
            main.Append(container).Append("\n{\n");
        }

        main.Append(Attributes()).Append('\n');
        main.Append(InterfaceHeader(interfaceName, nested)).Append("\n{\n");
        foreach (string member in Members())
        {
            main.Append("    ").Append(member).Append('\n');
        }

        main.Append("}\n");
        main.Append(string.Concat(Enumerable.Repeat("}\n", containers.Count)));

        var files = new List<string> { MaybeTruncate(main.ToString()) };
        if (split)
        {
            var part = new StringBuilder("using System;\nusing Socktest;\n\n");
            if (ns is not null)
            {
                part.Append("namespace ").Append(ns).Append(";\n\n");
            }

            foreach (var container in containers)
            {
                part.Append(container).Append("\n{\n");
            }

            part.Append(Chance(0.3) ? "[SocketSyscalls]\n" : string.Empty);
            part.Append("public partial interface ").Append(interfaceName).Append("\n{\n");
            foreach (string member in Members())
            {
                part.Append("    ").Append(member).Append('\n');
            }

            part.Append("}\n").Append(string.Concat(Enumerable.Repeat("}\n", containers.Count)));
            files.Add(part.ToString());
        }

        files.Add("namespace Elsewhere { public static class Helper { public static int Twice(int x) => x * 2; } }");
        return [.. files];
    }

    private string Container(int depth)
    {
        string kind = Pick(ContainerKinds);
        string partial = Chance(0.85) ? "partial " : string.Empty;
        string generic = Chance(0.2) ? "<T" + depth + ">" : string.Empty;
        string modifiers = kind switch
        {
            "static class" => "public static " + partial + "class",
            "ref struct" => "public ref " + partial + "struct",
            "readonly struct" => "public readonly " + partial + "struct",
            _ => "public " + partial + kind,
        };
        return modifiers + " Outer" + (depth == 0 ? string.Empty : depth.ToString(System.Globalization.CultureInfo.InvariantCulture)) + generic;
    }

    private string Attributes()
    {
        string switchName = _random.Next(10) switch
        {
            < 5 => string.Empty,
            5 => "(SwitchName = null)",
            _ => "(SwitchName = \"" + Pick(SwitchNames) + "\")",
        };
        string attribute = "[SocketSyscalls" + switchName + "]";
        return Chance(0.05) ? attribute + "[SocketSyscalls]" : attribute;
    }

    private string InterfaceHeader(string name, bool nested)
    {
        string accessibility = nested ? Pick(["public ", "internal ", "private ", "protected ", ""]) : Pick(["public ", "internal ", ""]);
        string file = !nested && Chance(0.03) ? "file " : string.Empty;
        string partial = Chance(0.9) ? "partial " : string.Empty;
        string generic = Chance(0.05) ? "<T>" : string.Empty;
        string bases = Chance(0.05) ? " : IDisposable" : string.Empty;
        return (file.Length > 0 ? file : accessibility) + partial + "interface " + name + generic + bases;
    }

    private IEnumerable<string> Members()
    {
        int count = _random.Next(0, 9);
        for (int i = 0; i < count; i++)
        {
            // Valid calls are the majority, so that enough whole declarations come out clean (every call of the table
            // to choose from, each an interface's only valid spelling).
            yield return _random.Next(20) switch
            {
                < 12 => Call(mutate: false),
                < 15 => Call(mutate: true),
                15 => "int " + Pick(NearMisses) + "(int fd);",
                16 => "int " + Pick(["Timeout", "Native", "Close"]) + " { get; }",
                17 => "event Action " + Pick(["Opened", "Native"]) + ";",
                18 => Pick(["static", "internal", "static abstract", "protected"]) + " int " + Pick(Calls).Name + "(int fd)" + (Chance(0.5) ? " => 0;" : ";"),
                _ => Pick(["class Nested { }", "int Close(int fd) => 0;", "const int Answer = 42;", "class Native { }"]),
            };
        }
    }

    private string Call(bool mutate)
    {
        var (name, parameters) = Pick(Calls);
        if (!mutate)
        {
            // Valid, with parameter names chosen to collide with the generated code's own names.
            var renamed = parameters.Split(", ").Select(p => p.Substring(0, p.LastIndexOf(' ') + 1) + Pick(ParameterNames)).ToList();
            return "int " + name + "(" + string.Join(", ", Distinct(renamed)) + ");";
        }

        int count = _random.Next(0, 5);
        var list = Enumerable.Range(0, count).Select(i => Pick(RefKinds) + Pick(ParameterTypes) + " p" + i);
        string returnType = Chance(0.8) ? "int" : Pick(["long", "void", "ref int", "int?"]);
        return returnType + " " + name + (Chance(0.1) ? "<T>" : string.Empty) + "(" + string.Join(", ", list) + ");";
    }

    /// <summary>Keeps parameter names distinct within one list, so that valid calls stay valid C#.</summary>
    private static IEnumerable<string> Distinct(List<string> parameters)
    {
        var seen = new HashSet<string>();
        foreach (string parameter in parameters)
        {
            string name = parameter.Substring(parameter.LastIndexOf(' ') + 1);
            string unique = name;
            for (int n = 2; !seen.Add(unique.TrimStart('@')); n++)
            {
                unique = name.TrimStart('@') + n;
            }

            yield return parameter.Substring(0, parameter.LastIndexOf(' ') + 1) + unique;
        }
    }

    private string MaybeTruncate(string text) => Chance(0.05) ? text.Substring(0, _random.Next(text.Length)) : text;

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
