// What the recipes take for granted: the docs print their code without these usings. Xunit is not here: the TUnit
// recipes' files use TUnit's Assert instead.
global using System;
global using System.Collections.Generic;
global using System.Linq;
global using System.Net;
global using System.Net.Http;
global using System.Net.Sockets;
global using System.Runtime.InteropServices;
global using System.Threading;
global using System.Threading.Tasks;
global using DocRecipes.Support;
global using Socktest;
global using Socktest.Interop;
