using System.Collections.Generic;

namespace Socktest;

/// <summary>
/// What every generated switch offers besides the socket calls themselves: deploying filters and reading
/// back statistics and the table of open sockets. Code that checks for leaks can take any switch through it.
/// </summary>
public interface ISocketSwitch
{
    /// <summary>Deploys <paramref name="filter"/> for calls of <paramref name="type"/>, or clears it with <see langword="null"/>.
    /// It applies to calls that start afterwards.</summary>
    /// <param name="type">The kind of call.</param>
    /// <param name="filter">The filter, or <see langword="null"/>.</param>
    void Set(FilterType type, Filter? filter);

    /// <summary>A snapshot of the statistics, one per cookie, ordered by cookie.</summary>
    /// <returns>The statistics.</returns>
    IReadOnlyList<Stat> Stats();

    /// <summary>A snapshot of the sockets the switch saw opened and not yet closed: descriptor to status.</summary>
    /// <returns>The open sockets.</returns>
    IReadOnlyDictionary<int, Status> Sockets();
}
