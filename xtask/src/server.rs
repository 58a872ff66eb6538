//! Starts the fake server for a suite and stops it afterwards.

use crate::util::{cmd, root, run};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A running fake server; killed when dropped.
pub struct FakeServer {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
}

impl FakeServer {
    /// Builds (release) and starts `fake-waldur` on a free port with `args` and its control
    /// endpoints (the suites make their users and faults through them).
    pub fn start(args: &[&str]) -> Result<FakeServer, String> {
        run(cmd("cargo", &["build", "--release", "--quiet", "-p", "fake-waldur"], &root()))?;
        let binary = root().join("target/release/fake-waldur");
        let mut all = vec!["--addr", "127.0.0.1:0", "--control"];
        all.extend_from_slice(args);
        let mut child = cmd(binary.to_str().unwrap_or("fake-waldur"), &all, &root())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start fake-waldur: {e}"))?;
        let stdout = child.stdout.take().ok_or("no stdout from fake-waldur")?;
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().and_then(Result::ok).unwrap_or_default();
        let url = first
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
            .ok_or_else(|| format!("fake-waldur said: {first}"))?
            .to_owned();
        // Keep draining its output so it never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let server = FakeServer { child, url };
        server.wait_healthy()?;
        println!("fake-waldur running at {}", server.url);
        Ok(server)
    }

    fn wait_healthy(&self) -> Result<(), String> {
        let address = self.url.trim_start_matches("http://").to_owned();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(mut stream) = TcpStream::connect(&address) {
                let _ = stream.write_all(b"GET /__fake/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                let mut reply = String::new();
                let _ = stream.read_to_string(&mut reply);
                if reply.starts_with("HTTP/1.1 200") {
                    return Ok(());
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err("fake-waldur did not become healthy in 20 s".into())
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on right now (for a test page the fake server must name in advance).
pub fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// The OIDC access token (a JWT) the test servers accept as `Bearer` for the normal user.
pub const TEST_BEARER: &str = "eyJhbGciOiJSUzI1NiJ9.eyJ1c2VybmFtZSI6ImFsaWNlIn0.c2lnbmF0dXJl";
