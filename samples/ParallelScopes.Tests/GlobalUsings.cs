// What every test class of the suite uses.
global using System;
global using System.Net;
global using System.Net.Http;
global using System.Net.Sockets;
global using System.Threading.Tasks;
global using Xunit;
global using static Socktest.Interop.SocketConstants;
