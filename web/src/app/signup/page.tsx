import { SignUpForm } from "@/components/SignUpForm";

export default function SignUpPage() {
  return <SignUpForm />;
}
