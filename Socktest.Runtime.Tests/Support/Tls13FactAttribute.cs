using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Threading.Tasks;
using Xunit;

namespace Socktest.Tests.Support;

/// <summary>A fact that needs TLS 1.3, skipped with the reason when this machine's TLS library cannot negotiate it
/// (an OpenSSL before 1.1.1, or a policy that forbids it). Whether it can is found out by trying: a TLS 1.3 handshake
/// between two SslStreams on loopback, before any switch is installed.</summary>
public sealed class Tls13FactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>Sets <see cref="FactAttribute.Skip"/> when TLS 1.3 is unavailable.</summary>
    /// <param name="sourceFilePath">The test's source file, filled in by the compiler (xunit v3 reports it).</param>
    /// <param name="sourceLineNumber">The test's line, filled in by the compiler.</param>
    public Tls13FactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (Unavailable.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Probe()
    {
        try
        {
            HandshakeAsync().GetAwaiter().GetResult();
            return null;
        }
        catch (Exception e) when (e is AuthenticationException or PlatformNotSupportedException or NotSupportedException or IOException)
        {
            return "TLS 1.3 is not available here: " + e.GetType().Name + ": " + e.Message;
        }
    }

    private static async Task HandshakeAsync()
    {
        using var certificate = SelfSignedCertificate.ForLoopback();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        using var accepted = await listener.AcceptTcpClientAsync();
        await using var serverStream = new SslStream(accepted.GetStream());
        await using var clientStream = new SslStream(client.GetStream(), false, (_, presented, _, _) => SelfSignedCertificate.IsPinned(certificate, presented));
        await Task.WhenAll(
            serverStream.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate, EnabledSslProtocols = SslProtocols.Tls13 }),
            clientStream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", EnabledSslProtocols = SslProtocols.Tls13 }))
            .WaitAsync(TimeSpan.FromSeconds(30));
        if (clientStream.SslProtocol != SslProtocols.Tls13)
        {
            throw new NotSupportedException("the handshake negotiated " + clientStream.SslProtocol);
        }
    }
}
