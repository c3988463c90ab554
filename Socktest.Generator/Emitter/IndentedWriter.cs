using System;
using System.Text;

namespace Socktest.Generator.Emitter;

/// <summary>A minimal writer for generated C#: lines, indentation and braced blocks, with '\n' line endings
/// whatever the OS, so the output is the same everywhere.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _builder = new();
    private int _depth;

    public IndentedWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _depth * 4);
        }

        _builder.Append(text).Append('\n');
        return this;
    }

    public IDisposable Block(string header)
    {
        Line(header);
        Line("{");
        _depth++;
        return new Closer(this);
    }

    public void Indent() => _depth++;

    public void Outdent() => _depth--;

    public override string ToString() => _builder.ToString();

    private sealed class Closer(IndentedWriter writer) : IDisposable
    {
        public void Dispose()
        {
            writer._depth--;
            writer.Line("}");
        }
    }
}
