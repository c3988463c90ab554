using System;
using System.Threading.Tasks;

namespace Socktest.Scenarios;

/// <summary>An HTTP server on 127.0.0.1 that answers every GET with one body: the server side of the data-path
/// scenarios. <see cref="OneShotHttpServer"/> (the runtime's own sockets) runs everywhere, the NativeAOT binary
/// included; the JIT tests run the same scenarios against Kestrel as well.</summary>
public interface IBodyServer : IAsyncDisposable
{
    /// <summary>The address to GET.</summary>
    string Url { get; }
}

/// <summary>Starts an <see cref="IBodyServer"/> that answers with <paramref name="body"/>.</summary>
/// <param name="body">The response body.</param>
/// <returns>The started server.</returns>
public delegate Task<IBodyServer> BodyServerFactory(byte[] body);
