import { useEffect, useState } from "react";
import { loadCatalog } from "./api.js";

// [catalog, error]: the catalog once loaded, or the Chinese message of why it could not be.
export function useCatalog() {
  const [catalog, setCatalog] = useState(null);
  const [error, setError] = useState("");
  useEffect(() => {
    loadCatalog()
      .then(setCatalog)
      .catch((e) => setError(e.message));
  }, []);
  return [catalog, error];
}
