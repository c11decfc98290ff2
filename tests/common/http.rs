//! A small HTTP/1.1 server on 127.0.0.1 for tests that download pages: each connection gets
//! one answer from `route`, on its own thread, until the test process ends.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;

pub struct Reply {
    pub status: &'static str,
    pub headers: Vec<String>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn html(body: Vec<u8>) -> Reply {
        Reply {
            status: "200 OK",
            headers: vec!["Content-Type: text/html".into()],
            body,
        }
    }
}

/// Starts the server; returns `http://127.0.0.1:PORT`.
pub fn serve(route: fn(&str) -> Reply) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            thread::spawn(move || answer(stream, route));
        }
    });
    base
}

fn answer(mut stream: TcpStream, route: fn(&str) -> Reply) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // Skip the headers: up to the empty line.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let reply = route(path);
    let mut head = format!(
        "HTTP/1.1 {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    for h in reply.headers {
        head.push_str(&h);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&reply.body);
}

/// A fixture page's bytes.
pub fn page(name: &str) -> Vec<u8> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    std::fs::read(dir.join(name)).unwrap()
}
