"""The web layer behind app.py: what each tab does (handlers.py), the tabs (layout.py), the
HTML (render.py, templates/), the plot, the chat's follow-up questions, the server's login
and routes (server.py) and the style sheets (static/)."""
