"""The docs drawn from the code by `chat context-map`: the context map (mermaid), the event
catalogue (markdown) and the AsyncAPI document, all from one `EventCatalogue`."""
