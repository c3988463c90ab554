namespace DocRecipes.Support;

/// <summary>What an exception says about the socket under it.</summary>
public static class Errors
{
    /// <summary>The <see cref="SocketError"/> of the first <see cref="SocketException"/> in the chain of inner
    /// exceptions, or null when there is none.</summary>
    public static SocketError? SocketErrorIn(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }
}
