using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Socktest.Generator.Model;

/// <summary>A source location reduced to plain values, so that models stay equatable and hold no syntax tree.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location)
        => location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}
